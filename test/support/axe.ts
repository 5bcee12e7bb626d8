import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's browser build, read once; evaluated in the page (DevTools evaluation is not subject to the page's CSP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Every rule axe enables by default (WCAG 2.0–2.2 A and AA, label in name included, and best practices). */
const RUN_OPTIONS = { resultTypes: ['violations'] };

/** Runs axe-core on the page as it is now and returns its violations (every impact). */
export async function axeViolations(page: Page): Promise<Result[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<AxeResults>(`window.axe.run(document, ${JSON.stringify(RUN_OPTIONS)})`);
  return results.violations;
}

/** One line per violation: rule, impact, what it asks, and up to five of the elements that break it. */
export function describeViolations(violations: Result[]): string[] {
  return violations.map((violation) => {
    const targets = violation.nodes.slice(0, 5).map((node) => node.target.join(' '));
    return `${violation.id} (${violation.impact}): ${violation.help} [${targets.join(', ')}]`;
  });
}

/**
 * Fails the test when axe-core finds a serious or critical violation on the page as it is now
 * (wait for the content to show first), listing each one.
 */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(describeViolations(serious)).toEqual([]);
}
