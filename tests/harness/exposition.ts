/** One sample of the Prometheus text format (0.0.4), its label values unescaped. */
export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the text exposition format as a scraper does: comments skipped, label values read
 * character by character with the format's three escapes (`\\`, `\"`, `\n`). Throws on
 * anything malformed, naming the line.
 */
export function parseExposition(text: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const fail = (why: string) => new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    if (!name) throw fail('no metric name');
    let at = name.length;
    const labels: Record<string, string> = {};
    if (line[at] === '{') {
      at++;
      while (line[at] !== '}') {
        const label = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(at))?.[0];
        if (!label || line.slice(at + label.length, at + label.length + 2) !== '="') throw fail('bad label');
        at += label.length + 2;
        let value = '';
        for (;;) {
          const char = line[at++];
          if (char === undefined) throw fail('unterminated label value');
          if (char === '"') break;
          if (char !== '\\') {
            value += char;
            continue;
          }
          const escaped = line[at++];
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw fail(`unknown escape \\${escaped}`);
        }
        labels[label] = value;
        if (line[at] === ',') at++;
        else if (line[at] !== '}') throw fail('expected , or }');
      }
      at++;
    }
    const [value] = line.slice(at).trim().split(/\s+/);
    const number = value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value);
    if (value === undefined || (Number.isNaN(number) && value !== 'NaN')) throw fail('bad value');
    samples.push({ name, labels, value: number });
  });
  return samples;
}
