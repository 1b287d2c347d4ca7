import { Controller, Get } from '@nestjs/common';
import { version } from '../../../../package.json';
import { buildOpenApiDocument } from './openapi.document';

@Controller('rest/docs')
export class DocsController {
  private readonly document = buildOpenApiDocument(version);

  /** The OpenAPI 3.1 document of everything under /rest (no auth: it is public knowledge). */
  @Get()
  get() {
    return this.document;
  }
}
