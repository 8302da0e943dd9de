// Which page of an engine's browsers was brought to the front last, so that a session lent again needs no
// bringToFront() when nothing can have taken the focus from it since. Firefox's getUserMedia waits for the focus (the
// spec's "has system focus" step) and a page opened later takes it, so a reused page is brought to the front and asked
// document.hasFocus(): two driver round trips before every check (counted over Firefox's secure-context area: 96 of the
// 304 commands sent to the browser). The only things that move the focus between two checks are a new page (a spare made in the
// background, a renewed page, a popup a check opens) and bringing another page to the front; both turn the ledger.
import type { BrowserContext } from 'playwright';

export class FocusLedger {
  private turn = 0;

  /** Something may have moved the focus: every mark taken before is stale. */
  moved(): void {
    this.turn++;
  }

  /** A page was just brought to the front: the mark it keeps while nothing else moves the focus. */
  broughtToFront(): number {
    return ++this.turn;
  }

  /** Whether a page that took `mark` when brought to the front still has the focus nobody took since. */
  holds(mark: number | undefined): boolean {
    return mark !== undefined && mark === this.turn;
  }

  /** Every page the context opens from now on (its first, a renewed one, a popup) moves the focus. */
  watch(context: BrowserContext): void {
    context.on('page', () => this.moved());
  }
}
