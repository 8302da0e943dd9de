// A reused page skips bringToFront() only while it is the last page brought to the front and no page opened since.
import { expect, test } from '@playwright/test';
import type { BrowserContext } from 'playwright';
import { FocusLedger } from './focus-ledger';

test('a page brought to the front keeps the focus until another is brought there', () => {
  const ledger = new FocusLedger();
  expect(ledger.holds(undefined)).toBe(false);
  const a = ledger.broughtToFront();
  expect(ledger.holds(a)).toBe(true);
  const b = ledger.broughtToFront();
  expect(ledger.holds(a)).toBe(false);
  expect(ledger.holds(b)).toBe(true);
});

test('a page opened in a watched context, a popup included, moves the focus', () => {
  const ledger = new FocusLedger();
  const listeners: (() => void)[] = [];
  const context = { on: (event: string, f: () => void) => event === 'page' && listeners.push(f) } as unknown as BrowserContext;
  ledger.watch(context);
  const a = ledger.broughtToFront();
  for (const opened of listeners) opened();
  expect(ledger.holds(a)).toBe(false);
  const b = ledger.broughtToFront();
  ledger.moved();
  expect(ledger.holds(b)).toBe(false);
});
