// EngineSession over a Playwright BrowserContext: used for every engine Playwright can drive.
import type { BrowserContext, Page } from 'playwright';
import type { CaptureIndicator, EngineSession, PromptRecord, Unobservable } from '../types';

export class PlaywrightSession implements EngineSession {
  private page: Page | undefined;
  constructor(
    private readonly context: BrowserContext,
    private readonly why: { prompts: string; indicator: string },
    private readonly onClose: () => Promise<void> = async () => {},
    /** Runs before each navigation, with the page and the target URL (Chromium sets permissions per origin here). */
    private readonly beforeGoto: (page: Page, url: string) => Promise<void> = async () => {},
  ) {}

  private async current(): Promise<Page> {
    this.page ??= await this.context.newPage();
    return this.page;
  }

  async goto(url: string): Promise<void> {
    const page = await this.current();
    await this.beforeGoto(page, url);
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  }

  async evaluate<T>(expression: string): Promise<T> {
    const page = await this.current();
    return (await page.evaluate(expression)) as T;
  }

  prompts(): PromptRecord[] | Unobservable {
    return { unobservable: this.why.prompts };
  }

  async captureIndicator(): Promise<CaptureIndicator | Unobservable> {
    return { unobservable: this.why.indicator };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    await this.onClose();
  }
}
