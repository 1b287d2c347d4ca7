import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PREVIEWS_EVENTS, type Envelope } from '@mi/contracts';
import { PreviewCommands } from '../preview-commands.service';

/**
 * Catches the view and the render queue up from previews.events: a process killed between its
 * append and those writes leaves them behind; this brings them to the stream (version-guarded).
 */
@Controller()
export class PreviewsViewConsumer {
  constructor(@Inject(PreviewCommands) private readonly commands: PreviewCommands) {}

  @EventPattern(PREVIEWS_EVENTS.map((d) => d.type))
  onPreviewsEvent(@Payload() envelope: Envelope) {
    return this.commands.refresh(envelope.streamId);
  }
}
