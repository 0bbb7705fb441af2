/**
 * Response types of the JSON API (docs/api.md). The server builds them; the dashboard's
 * fetch wrapper parses them with these schemas, so a drifting field fails loudly.
 */

export * from './lag';
export * from './conflicts';
export * from './divergence';
export * from './failovers';
export * from './slo';
export * from './sim';
