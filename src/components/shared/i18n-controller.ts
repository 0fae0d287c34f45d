import type { i18n } from 'i18next';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createTranslator, resolveLocale } from '../../i18n/create-translator.js';

/**
 * Gives an element its own translator for the locale that applies to it: the
 * `locale` property, else the nearest `lang` up the tree, else the browser's.
 */
export class I18nController implements ReactiveController {
  private translator?: i18n;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { locale?: string }) {
    host.addController(this);
  }

  /** The BCP 47 tag actually used (after fallback). */
  get locale(): string {
    return this.current().language;
  }

  /** The locale asked for (property, nearest `lang`, browser), before falling back to a bundled one: right for `Intl` names and regions. */
  get requested(): string {
    return this.requestedLocale();
  }

  get t(): i18n['t'] {
    return this.current().t;
  }

  hostConnected(): void {
    this.translator = undefined;
  }

  private requestedLocale(): string {
    const fromTree = this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    return this.host.locale || fromTree || navigator.language || 'en';
  }

  private current(): i18n {
    const wanted = resolveLocale(this.requestedLocale());
    if (!this.translator || this.translator.language !== wanted) this.translator = createTranslator(wanted);
    return this.translator;
  }
}
