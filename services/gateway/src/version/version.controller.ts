import { Controller, Get, Header } from '@nestjs/common';
import { version } from '../../../../package.json';

/** Plain text `x.y.z`: the QGIS plugin compares it as a string. */
@Controller('rest/version')
export class VersionController {
  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  get(): string {
    return version;
  }
}
