import { DomainError } from '@mi/contracts';

/** API.md: the upload does not fit in what is left of the plan's storage. */
export class MemoryLimitExceeded extends DomainError {
  constructor(memoryRequested: number, availableMemory: number) {
    super('MemoryLimitExceeded', { memory_requested: memoryRequested, available_memory: availableMemory });
  }
}

/** A reservation id that already ended (committed, released, expired) cannot hold room again. */
export class ReservationClosed extends DomainError {
  constructor(reservationId: string) {
    super('ReservationClosed', { reservation_id: reservationId });
  }
}
