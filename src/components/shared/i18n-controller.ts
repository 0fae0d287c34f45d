import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createTranslator, type Translator, withOwnTexts } from '../../i18n/create-translator.js';
import type { OwnTexts } from '../../i18n/own-texts.js';
import { hostI18nextGeneration, hostI18nextLanguage, onHostI18nextChange } from '../../i18n/host-i18next.js';
import { ensureLocale, loadedLocale } from '../../i18n/locale-registry.js';
import { resolveLocale } from '../../i18n/resolve-locale.js';
import type { SupportedLocale } from '../../i18n/supported-locales.js';
import { type TextDirection, textDirection } from '../../i18n/text-direction.js';

/**
 * Gives an element its own translator for the locale that applies to it: the
 * `locale` property, else the language of the page's i18next when it handed it
 * over (`useI18next`), else the nearest `lang` up the tree (across shadow roots),
 * else the browser's. A locale that is not loaded yet is fetched, and the host
 * re-renders when it arrives; until then it shows English.
 */
export class I18nController implements ReactiveController {
  private translator?: Translator;
  /** The hand-over of the page's i18next the translator was made under. */
  private translatorGeneration = -1;
  /** The business's own texts the translator was made with. */
  private translatorTexts?: OwnTexts;
  private stopFollowingHost?: () => void;
  private loading?: Promise<unknown>;
  private loadingLocale?: SupportedLocale;
  /** Locales that failed to load for this element: not retried on every render. */
  private readonly unavailable = new Set<SupportedLocale>();
  private langObserver?: MutationObserver;

  /** `ownTexts`: the business's approved wording per locale (`<optin-form>`'s `texts`), read at each render. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { locale?: string },
    private readonly ownTexts: () => OwnTexts | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The BCP 47 tag of the texts actually shown (after fallback and while loading). */
  get locale(): string {
    return this.current().language;
  }

  /** The direction of the shown texts: the host's own `dir` attribute wins, else the locale's. */
  get dir(): TextDirection {
    const own = this.host.getAttribute('dir')?.toLowerCase();
    return own === 'rtl' || own === 'ltr' ? own : textDirection(this.locale);
  }

  /** The locale asked for (property, nearest `lang`, browser), before falling back to a bundled one: right for `Intl` names and regions. */
  get requested(): string {
    // A malformed tag (`locale="not a tag!"`) would make Intl constructors throw into the host page.
    try {
      return Intl.getCanonicalLocales(this.requestedLocale())[0] ?? this.locale;
    } catch {
      return this.locale;
    }
  }

  get t(): Translator['t'] {
    return this.current().t;
  }

  /** Settles when the wanted locale is shown (or could not be loaded). */
  get settled(): Promise<unknown> {
    this.current();
    return this.loading ?? Promise.resolve();
  }

  hostConnected(): void {
    this.translator = undefined;
    // Single-page apps switch language by changing a `lang` attribute: follow it.
    this.langObserver ??= new MutationObserver(() => this.host.requestUpdate());
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    this.stopFollowingHost = onHostI18nextChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.langObserver?.disconnect();
    this.stopFollowingHost?.();
  }

  private requestedLocale(): string {
    return this.host.locale || hostI18nextLanguage() || nearestLang(this.host) || navigator.language || 'en';
  }

  private current(): Translator {
    const wanted = resolveLocale(this.requestedLocale());
    const shown: SupportedLocale = loadedLocale(wanted) ? wanted : 'en';
    if (shown !== wanted && this.loadingLocale !== wanted && !this.unavailable.has(wanted)) this.load(wanted);
    const texts = this.ownTexts();
    if (!this.translator || this.translator.language !== shown || this.translatorGeneration !== hostI18nextGeneration() || this.translatorTexts !== texts) {
      this.translatorGeneration = hostI18nextGeneration();
      this.translatorTexts = texts;
      const translator = createTranslator(shown);
      this.translator = withOwnTexts(translator, texts?.[translator.language]);
    }
    return this.translator;
  }

  private load(locale: SupportedLocale): void {
    this.loadingLocale = locale;
    const loading = ensureLocale(locale).then((ok) => {
      if (!ok) this.unavailable.add(locale);
      if (this.loading !== loading) return;
      this.loading = undefined;
      this.loadingLocale = undefined;
      if (ok) this.host.requestUpdate();
    });
    this.loading = loading;
  }
}

/** The `lang` of the closest ancestor that has one, looking through shadow roots to their hosts. */
function nearestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.closest('[lang]')?.getAttribute('lang');
      if (lang) return lang;
    }
    const root: Node = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}
