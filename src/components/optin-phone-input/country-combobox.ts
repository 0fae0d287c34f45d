/**
 * The country picker of `<optin-phone-input>`: a button that opens a popup with a search field
 * (an editable combobox with list autocomplete, WAI-ARIA APG) over a listbox of countries.
 *
 * The popup uses the Popover API, so it renders in the top layer: no `overflow: hidden` ancestor
 * clips it and no page content covers it. Where popovers are missing it falls back to
 * `position: fixed` with a high z-index.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Translator } from '../../i18n/create-translator.js';
import { searchCountries } from '../../core/phone/country-search.js';
import type { CountryCode } from '../../core/phone/phone-number.js';
import { type CountryOption, countryOptions, loadCountryNames, selectedCountryOption, stopWaitingForNames } from '../shared/country-options.js';

export interface CountryComboboxHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface CountryComboboxOptions {
  /** Locale for country names (`Intl.DisplayNames`) and sorting. */
  locale: () => string;
  t: () => Translator['t'];
  selected: () => CountryCode | undefined;
  preferred: () => readonly CountryCode[];
  /** The only countries listed (`only-countries`); empty: every country. */
  only: () => readonly CountryCode[];
  disabled: () => boolean;
  /** The person picked a country (`undefined`: international, no country). */
  choose: (code: CountryCode | undefined) => void;
}

/** One row of the listbox: a country, or the "international, no country" entry. */
interface Row {
  key: string;
  option?: CountryOption;
  group: 'preferred' | 'all' | 'results';
}

const PAGE_STEP = 10;
const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

export class CountryCombobox implements ReactiveController {
  open = false;
  private query = '';
  private activeIndex = 0;
  private rows: Row[] = [];
  private readonly onWindowChange = () => this.position();
  private readonly onDocumentPointerDown = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.host)) this.close(false);
  };

  constructor(
    private readonly host: CountryComboboxHost,
    private readonly options: CountryComboboxOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopListening();
    stopWaitingForNames(this.renamed);
  }

  private get popup(): HTMLElement | null {
    return this.host.renderRoot.querySelector('#country-popup');
  }

  private get search(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector('#country-search');
  }

  private get button(): HTMLButtonElement | null {
    return this.host.renderRoot.querySelector('#country-button');
  }

  /** Rows for the current query: preferred countries first when nothing is typed. */
  private computeRows(): Row[] {
    const only = this.options.only();
    // With an allow-list, only its countries, and no "international" entry that would take any number.
    const all = countryOptions(this.options.locale()).filter((option) => !only.length || only.includes(option.code));
    if (this.query.trim() !== '') {
      return searchCountries(all, this.query).map((option) => ({ key: option.code, option, group: 'results' }));
    }
    const preferred = this.options.preferred();
    const rows: Row[] = only.length ? [] : [{ key: 'none', group: 'preferred' }];
    for (const code of preferred) {
      const option = all.find((candidate) => candidate.code === code);
      if (option) rows.push({ key: code, option, group: 'preferred' });
    }
    for (const option of all) if (!preferred.includes(option.code)) rows.push({ key: option.code, option, group: 'all' });
    return rows;
  }

  async show(initialQuery = ''): Promise<void> {
    if (this.open || this.options.disabled()) return;
    this.open = true;
    this.query = initialQuery;
    this.rows = this.computeRows();
    const selected = this.options.selected();
    const index = initialQuery ? 0 : this.rows.findIndex((row) => row.option?.code === selected);
    this.activeIndex = Math.max(0, index);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const popup = this.popup;
    if (popup && supportsPopover && !popup.matches(':popover-open')) popup.showPopover();
    this.position();
    const search = this.search;
    search?.focus();
    // After a letter typed on the button, the next letters go after it, not before.
    search?.setSelectionRange(search.value.length, search.value.length);
    this.scrollActiveIntoView();
    window.addEventListener('resize', this.onWindowChange);
    window.addEventListener('scroll', this.onWindowChange, true);
    document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.stopListening();
    const popup = this.popup;
    if (popup && supportsPopover && popup.matches(':popover-open')) popup.hidePopover();
    this.host.requestUpdate();
    if (returnFocus) this.button?.focus();
  }

  private stopListening(): void {
    window.removeEventListener('resize', this.onWindowChange);
    window.removeEventListener('scroll', this.onWindowChange, true);
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  /** Places the popup under the field (or above it when there is more room there). */
  private position(): void {
    const popup = this.popup;
    const anchor = this.host.renderRoot.querySelector<HTMLElement>('.control');
    if (!popup || !anchor) return;
    const rect = anchor.getBoundingClientRect();
    const below = window.innerHeight - rect.bottom;
    const above = rect.top;
    const height = Math.min(320, Math.max(below, above) - 8);
    popup.style.maxHeight = `${Math.max(120, height)}px`;
    popup.style.left = `${Math.max(4, rect.left)}px`;
    popup.style.width = `${Math.max(240, Math.min(rect.width, window.innerWidth - 8))}px`;
    if (below >= 200 || below >= above) {
      popup.style.top = `${rect.bottom + 4}px`;
      popup.style.bottom = 'auto';
    } else {
      popup.style.top = 'auto';
      popup.style.bottom = `${window.innerHeight - rect.top + 4}px`;
    }
  }

  private choose(row: Row | undefined): void {
    if (!row) return;
    this.close(false);
    this.options.choose(row.option?.code);
  }

  private moveTo(index: number): void {
    if (this.rows.length === 0) return;
    this.activeIndex = Math.max(0, Math.min(this.rows.length - 1, index));
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.scrollActiveIntoView());
  }

  private scrollActiveIntoView(settle = true): void {
    const row = this.rows[this.activeIndex];
    const element = row && this.host.renderRoot.querySelector<HTMLElement>(`#${this.optionId(row)}`);
    const list = this.host.renderRoot.querySelector<HTMLElement>('#country-listbox');
    if (!element || !list) return;
    // Scroll the list only, never the page (scrollIntoView would also scroll ancestors). The
    // row's place in the list's content, from the rendered boxes: offsetTop would depend on which
    // ancestor is positioned.
    const top = element.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientTop + list.scrollTop;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + element.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + element.offsetHeight - list.clientHeight;
    else return;
    // Rows are laid out only once in view (content-visibility): one taller than its placeholder
    // (a long name on two lines) can move the active row, so look again a frame later.
    if (settle) requestAnimationFrame(() => this.scrollActiveIntoView(false));
  }

  private optionId(row: Row): string {
    return `country-option-${row.key}`;
  }

  readonly onButtonKeyDown = (event: KeyboardEvent): void => {
    if (['ArrowDown', 'ArrowUp', 'Enter', ' '].includes(event.key)) {
      event.preventDefault();
      void this.show();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Type-to-search straight from the button: the first letter starts the search.
      event.preventDefault();
      void this.show(event.key);
    }
  };

  /**
   * The button's name says the country ("Country: Germany +49") once the region names are loaded.
   * They load when the button is focused or hovered, before a screen reader reads the name out
   * and before a click opens the list; the first render does not pay for them (country-options.ts).
   */
  readonly onButtonFocusOrHover = (): void => loadCountryNames(this.options.locale());

  private readonly renamed = (): void => this.host.requestUpdate();

  readonly onButtonClick = (): void => {
    if (this.open) this.close(true);
    else void this.show();
  };

  readonly onSearchInput = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.rows = this.computeRows();
    this.activeIndex = 0;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.scrollActiveIntoView());
  };

  readonly onSearchKeyDown = (event: KeyboardEvent): void => {
    switch (event.key) {
      case 'ArrowDown':
        if (event.altKey) break;
        this.moveTo(this.activeIndex + 1);
        break;
      case 'ArrowUp':
        if (event.altKey) {
          this.close(true);
          break;
        }
        this.moveTo(this.activeIndex - 1);
        break;
      case 'PageDown':
        this.moveTo(this.activeIndex + PAGE_STEP);
        break;
      case 'PageUp':
        this.moveTo(this.activeIndex - PAGE_STEP);
        break;
      case 'Enter':
        this.choose(this.rows[this.activeIndex]);
        break;
      case 'Escape':
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onOptionClick = (event: Event): void => {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    this.choose(this.rows.find((row) => row.key === key));
  };

  /** Keeps focus in the search field while an option is clicked, so the click is not lost to a blur. */
  private readonly keepFocus = (event: Event): void => event.preventDefault();

  private renderRow(row: Row, index: number): TemplateResult {
    const t = this.options.t();
    const active = index === this.activeIndex;
    const current = row.option?.code === this.options.selected() || (!row.option && !this.options.selected());
    // The search field keeps focus and moves through the options by aria-activedescendant, so the
    // keys are handled there; an option only needs the click.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<li
      id=${this.optionId(row)}
      part="country-option"
      role="option"
      class=${`option${active ? ' active' : ''}${current ? ' current' : ''}`}
      aria-selected=${active ? 'true' : 'false'}
      data-key=${row.key}
      @click=${this.onOptionClick}
    >
      ${
        row.option
          ? html`<span class="flag" aria-hidden="true">${row.option.flag}</span>
            <span class="name">${row.option.name}</span>
            <span class="dial" dir="ltr">${row.option.dialCode}</span>`
          : html`<span class="flag" aria-hidden="true">🌐</span><span class="name">${t('form.noCountry')}</span>`
      }
    </li>`;
  }

  private renderList(): TemplateResult {
    const t = this.options.t();
    if (this.rows.length === 0) {
      return html`<p class="empty">${t('form.countryNoResults', { query: this.query })}</p>`;
    }
    // Search results, or an allow-list with nothing preferred: one flat list.
    if (this.rows[0]?.group !== 'preferred') {
      return html`${this.rows.map((row, index) => this.renderRow(row, index))}`;
    }
    const preferredCount = this.rows.filter((row) => row.group === 'preferred').length;
    return html`<li role="presentation" class="group">
        <ul role="group" aria-label=${t('form.preferredCountries')}>
          ${this.rows.slice(0, preferredCount).map((row, index) => this.renderRow(row, index))}
        </ul>
      </li>
      <li role="presentation" class="group">
        <ul role="group" aria-label=${t('form.allCountries')}>
          ${this.rows.slice(preferredCount).map((row, index) => this.renderRow(row, index + preferredCount))}
        </ul>
      </li>`;
  }

  /** The button (inside the field's row) and the popup. */
  render(): TemplateResult {
    const t = this.options.t();
    const selected = this.options.selected();
    const option = selected ? selectedCountryOption(selected, this.options.locale(), this.renamed) : undefined;
    const activeRow = this.open ? this.rows[this.activeIndex] : undefined;
    const buttonLabel = option ? t('form.countryButton', { country: option.name, dialCode: option.dialCode }) : t('form.countryButtonNone');
    return html`<button
        id="country-button"
        part="country"
        type="button"
        class="country-button"
        aria-haspopup="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="country-popup"
        aria-label=${buttonLabel}
        ?disabled=${this.options.disabled()}
        @click=${this.onButtonClick}
        @focus=${this.onButtonFocusOrHover}
        @pointerenter=${this.onButtonFocusOrHover}
        @keydown=${this.onButtonKeyDown}
      >
        <span class="flag" aria-hidden="true">${option?.flag ?? '🌐'}</span>
        <span class="dial" dir="ltr">${option?.dialCode ?? '+'}</span>
        <span class="chevron" aria-hidden="true"></span>
      </button>
      <div
        id="country-popup"
        part="country-popup"
        class=${`popup${supportsPopover ? '' : ' fallback'}${this.open ? ' open' : ''}`}
        popover=${supportsPopover ? 'manual' : nothing}
      >
        ${
          this.open
            ? html`<input
                id="country-search"
                part="country-search"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-expanded="true"
                aria-controls="country-listbox"
                aria-activedescendant=${activeRow ? this.optionId(activeRow) : nothing}
                aria-label=${t('form.countrySearchLabel')}
                .value=${this.query}
                @input=${this.onSearchInput}
                @keydown=${this.onSearchKeyDown}
              />
              <ul id="country-listbox" part="country-listbox" role="listbox" aria-label=${t('form.countryLabel')} @pointerdown=${this.keepFocus}>
                ${this.renderList()}
              </ul>`
            : nothing
        }
        <div class="visually-hidden" role="status" aria-live="polite">
          ${this.open ? t('form.countryResults', { count: this.rows.filter((row) => row.option).length }) : ''}
        </div>
      </div>`;
  }
}
