import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import {
  BulkDeleteRequestSchema,
  CreateMosaicRequestSchema,
  DomainError,
  ItemNotFound,
  UpdateMosaicRequestSchema,
} from '@mi/contracts';
import { parseBody, parseUuid, OWNER_HEADER } from '@mi/platform';
import { v7 as uuidv7 } from 'uuid';
import { MosaicCommands } from '../mosaic-commands.service';
import { toMosaicResponse } from '../mosaics-view/mosaic.view';
import { MosaicsRepository } from '../mosaics-view/mosaics.repository';

@Controller('internal/mosaics')
export class ManageMosaicsController {
  constructor(
    @Inject(MosaicCommands) private readonly commands: MosaicCommands,
    @Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository,
  ) {}

  private async current(ownerId: string, mosaicId: string) {
    const view = await this.mosaics.findOwned(ownerId, mosaicId);
    if (!view) throw new ItemNotFound('mosaic', mosaicId);
    return toMosaicResponse(view);
  }

  @Post()
  @HttpCode(200)
  async create(@Headers(OWNER_HEADER) ownerId: string, @Body() body: unknown) {
    const { name, tags } = parseBody(CreateMosaicRequestSchema, body);
    const mosaicId = uuidv7();
    await this.commands.execute({ type: 'CreateMosaic', mosaicId, ownerId, name, tags: tags ?? [], now: new Date() });
    return this.current(ownerId, mosaicId);
  }

  /** Name and tags are each optional; tags replace the old ones. */
  @Put(':id')
  async update(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string, @Body() body: unknown) {
    const mosaicId = parseUuid(id);
    const { name, tags } = parseBody(UpdateMosaicRequestSchema, body);
    const now = new Date();
    if (name === undefined && tags === undefined) await this.current(ownerId, mosaicId);
    if (name !== undefined) await this.commands.execute({ type: 'RenameMosaic', mosaicId, ownerId, name, now });
    if (tags !== undefined) await this.commands.execute({ type: 'RetagMosaic', mosaicId, ownerId, tags, now });
    return this.current(ownerId, mosaicId);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string): Promise<void> {
    await this.commands.execute({ type: 'DeleteMosaic', mosaicId: parseUuid(id), ownerId, now: new Date() });
  }

  /** Deletes what it can; each id that could not be deleted says why, in the error envelope's terms. */
  @Post('delete')
  @HttpCode(200)
  async removeMany(@Headers(OWNER_HEADER) ownerId: string, @Body() body: unknown) {
    const { ids } = parseBody(BulkDeleteRequestSchema, body);
    const deleted: string[] = [];
    const failed: { id: string; detail: { code: string; parameters: Record<string, unknown> } }[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        const mosaicId = parseUuid(id, 'ids');
        await this.commands.execute({ type: 'DeleteMosaic', mosaicId, ownerId, now: new Date() });
        deleted.push(mosaicId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed.push({ id, detail: { code: error.code, parameters: error.parameters } });
      }
    }
    return { deleted, failed };
  }
}
