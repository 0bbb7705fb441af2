import type { Page } from 'playwright-core';

export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * WCAG 2 contrast of every visible piece of text on the page against what is behind it: the
 * element's colour (with its opacity and its ancestors') composited over the stack of
 * background colours beneath it. Returns the pieces below AA: 4.5:1, or 3:1 for large text
 * (24 px, or 18.66 px bold). Text over a background image is not judged.
 */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  // A string, not a function: the test runner's compiler adds helpers a page does not have.
  return page.evaluate(String.raw`(() => {
    const parse = (value) => {
      const numbers = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
    };
    const over = (top, bottom) => {
      const alpha = top[3] + bottom[3] * (1 - top[3]);
      if (alpha === 0) return [0, 0, 0, 0];
      const mix = (index) => (top[index] * top[3] + bottom[index] * bottom[3] * (1 - top[3])) / alpha;
      return [mix(0), mix(1), mix(2), alpha];
    };
    const luminance = ([r, g, b]) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const failures = [];
    const canvas = parse(getComputedStyle(document.documentElement).colorScheme.includes('dark') ? 'rgb(0,0,0)' : 'rgb(255,255,255)');
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!ownText) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || element.closest('[aria-hidden="true"], .visually-hidden, .skip-link')) continue;
      // The backgrounds from the element up, then laid bottom to top.
      const layers = [];
      let opacity = 1;
      let image = false;
      for (let node = element; node; node = node.parentElement) {
        const nodeStyle = getComputedStyle(node);
        if (nodeStyle.backgroundImage !== 'none' && !nodeStyle.backgroundImage.startsWith('url(')) image = true;
        layers.push(parse(nodeStyle.backgroundColor));
        opacity *= Number(nodeStyle.opacity);
      }
      if (image) continue;
      const background = layers.reverse().reduce((below, layer) => over(layer, below), canvas);
      const foreground = parse(style.color);
      const seen = over([foreground[0], foreground[1], foreground[2], foreground[3] * opacity], background);
      const [light, dark] = [luminance(seen), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      if (ratio < required - 0.01) {
        failures.push({ text: ownText.slice(0, 60), ratio: Math.round(ratio * 100) / 100, required, color: style.color, background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')' });
      }
    }
    return failures;
  })()`) as Promise<ContrastFailure[]>;
}

/** Relative luminance of the page's background (0 black to 1 white). */
export function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(String.raw`(() => {
    const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  })()`) as Promise<number>;
}
