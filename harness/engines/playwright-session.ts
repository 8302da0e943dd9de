// EngineSession over a Playwright BrowserContext: used for every engine Playwright can drive.
import type { BrowserContext, Page } from 'playwright';
import type { CaptureIndicator, EngineSession, PromptRecord, RefusalMemory, Unobservable, Unobserved } from '../types';
import type { FocusLedger } from './focus-ledger';

/** A fresh context with its first page already open. */
export interface ContextAndPage {
  context: BrowserContext;
  page: Page;
}

/** How an engine's Playwright sessions differ; each has a default that asks nothing of the engine. */
export interface SessionHooks {
  /** Runs once the session's context is closed. */
  onClose?: () => Promise<void>;
  /** Runs before each navigation, with the page and the target URL (Chromium sets permissions per origin here). */
  beforeGoto?: (page: Page, url: string) => Promise<void>;
  /** Default 'tab' (a new page after a refusal inside a frame): the safe side for an engine not measured. */
  refusalMemory?: RefusalMemory;
  /** The engine's ledger of what moved the focus (focus-ledger.ts); without one, every refocus() brings the page to the front. */
  focus?: FocusLedger;
}

export class PlaywrightSession implements EngineSession {
  private readonly context: BrowserContext;
  private page: Page;
  private readonly onClose: () => Promise<void>;
  private readonly beforeGoto: (page: Page, url: string) => Promise<void>;
  readonly refusalMemory: RefusalMemory;
  private readonly focus: FocusLedger | undefined;
  /** The ledger's mark when this page was last brought to the front (undefined: never, or no ledger). */
  private focusMark: number | undefined;
  constructor(
    fresh: ContextAndPage,
    /** What this driver cannot observe (a Playwright driver sees neither prompts nor indicators). */
    private readonly observes: Unobserved,
    hooks: SessionHooks = {},
  ) {
    this.context = fresh.context;
    this.page = fresh.page;
    this.onClose = hooks.onClose ?? (async () => {});
    this.beforeGoto = hooks.beforeGoto ?? (async () => {});
    this.refusalMemory = hooks.refusalMemory ?? 'tab';
    this.focus = hooks.focus;
  }

  /** Whether a document other than the initial about:blank is loaded (the session was shared). */
  private used = false;

  async goto(url: string): Promise<void> {
    // From a web page, Firefox refuses a top-level navigation to a data: URL (and keeps the old document): other
    // schemes go through about:blank first, as from a fresh page (measured: 5 data: cells changed without it).
    if (this.used && !/^https?:/i.test(url)) await this.page.goto('about:blank', { timeout: 10_000 });
    this.used = true;
    await this.beforeGoto(this.page, url);
    await this.page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  }

  async evaluate<T>(expression: string): Promise<T> {
    return (await this.page.evaluate(expression)) as T;
  }

  prompts(): PromptRecord[] | Unobservable {
    return this.observes.prompts;
  }

  async captureIndicator(): Promise<CaptureIndicator | Unobservable> {
    return this.observes.indicator;
  }

  async recycle(): Promise<void> {
    // Nothing to do here. Not a navigation to about:blank: with site isolation that is two process switches (about
    // 250 ms a check in Firefox, measured), and the next check's own navigation replaces the document anyway. Until
    // then nothing goes on capturing: the probe stops every track it hands out, and check() stops the kept ones
    // (the pool's endCaptures) before the session is lent again.
  }

  async renewPage(): Promise<void> {
    // The new page moves the focus: the engine's ledger watches this context's pages (focus-ledger.ts).
    const old = this.page;
    this.page = await this.context.newPage();
    this.used = false;
    await old.close();
  }

  async refocus(focused?: () => Promise<boolean>): Promise<void> {
    // getUserMedia waits for system focus (Firefox does), and a page opened since may have taken it. Bringing the page
    // to the front does not always give it back (Firefox ESR 140 over BiDi, measured): a page without it is not reused.
    if (focused) {
      if (!(await focused())) throw new Error('the popup kept for the next check has lost the focus');
      this.focusMark = undefined;
      return;
    }
    if (this.focus?.holds(this.focusMark)) return;
    await this.page.bringToFront();
    const mark = this.focus?.broughtToFront();
    if (!(await this.page.evaluate('document.hasFocus()'))) throw new Error('the page has lost the focus');
    this.focusMark = mark;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    await this.onClose();
  }
}
