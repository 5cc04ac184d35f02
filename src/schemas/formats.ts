import { FormatRegistry } from '@sinclair/typebox';
import { parseRfc3339 } from '../domain/clock.js';
import { isMiniProgramPagePath } from '../domain/page-path.js';

/** String formats the WeChat contract uses; registered once, before any schema is compiled. */
FormatRegistry.Set('date-time', (v) => parseRfc3339(v) !== null);
FormatRegistry.Set('uri', (v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
});
FormatRegistry.Set('mini-program-path', isMiniProgramPagePath);
