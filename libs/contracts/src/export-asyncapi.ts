import { writeFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { buildAsyncApiDocument } from './asyncapi';

// `npm run asyncapi [file]`: the AsyncAPI document other teams read our topics by.
const target = process.argv[2] ?? 'asyncapi.json';
writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(version), null, 2)}\n`);
console.log(`AsyncAPI ${version} written to ${target}`);
