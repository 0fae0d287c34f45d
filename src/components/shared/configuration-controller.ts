/**
 * How every element reads its attributes and tells the page author what is wrong with them, the
 * same way everywhere: the element's `read` function (pure, in core or beside the element) turns
 * the attributes into a reading before each render; each new set of problems goes to the console
 * once (an error when the element cannot work, a warning when it works without the bad values);
 * and an element that cannot work shows `renderConfigurationNotice` where its controls would be.
 * Nothing here throws into the host page: a reading that fails is itself a problem.
 */
import type { html as litHtml, nothing as litNothing, ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigurationProblem } from '../../core/notice/form-configuration.js';

/** What an element's attributes amount to right now. */
export interface ConfigurationReading {
  /** Everything the page author should fix, each naming its attribute (and the rule, for a failed compliance rule). */
  problems: readonly ConfigurationProblem[];
  /** The element shows the set-up notice instead of its controls and collects nothing. */
  blocked: boolean;
}

export interface ConfigurationControllerOptions<R extends ConfigurationReading> {
  /** The element's tag, as the console names it. */
  tag: string;
  /** Reads the attributes as they are now. Must not change anything: `current` calls it before the first render. */
  read: () => R;
  /** What the console says before the list; default: "is not set up correctly" (blocked) or "ignores what it cannot use" (not blocked). */
  heading?: (reading: R) => string;
}

export class ConfigurationController<R extends ConfigurationReading> implements ReactiveController {
  private last?: R;
  private reported = '';

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ConfigurationControllerOptions<R>,
  ) {
    host.addController(this);
  }

  /** The reading of the last render; before the first, one read now (and not reported). */
  get current(): R {
    return this.last ?? this.options.read();
  }

  /** Reads the attributes again (call it in `willUpdate`); a set of problems not reported yet goes to the console. */
  refresh(): R {
    const reading = this.options.read();
    this.last = reading;
    const summary = reading.problems.map((p) => (p.rule ? `${p.message} [rule ${p.rule}]` : p.message)).join('\n');
    if (summary !== this.reported) {
      this.reported = summary;
      if (summary) {
        const heading = this.options.heading?.(reading) ?? (reading.blocked ? 'is not set up correctly' : 'ignores what it cannot use');
        (reading.blocked ? console.error : console.warn)(`[optin-elements] <${this.options.tag}> ${heading}:\n${summary}`);
      }
    }
    return reading;
  }

  hostConnected(): void {}
}

export interface ConfigurationNoticeParts {
  html: typeof litHtml;
  nothing: typeof litNothing;
  /** The notice's heading, translated. */
  title: string;
  /** What to do next (where to look), translated. */
  hint: string;
  problems: readonly ConfigurationProblem[];
  dir?: string;
  lang?: string;
}

/**
 * The set-up notice a blocked element shows the page author in place of its controls
 * (`part="config-notice"`, `role="alert"`): each problem with its attribute and rule. Lit's `html`
 * is passed in, so a chunk fetched beside the script uses the script's one copy of Lit.
 */
export function renderConfigurationNotice({ html, nothing, title, hint, problems, dir, lang }: ConfigurationNoticeParts) {
  return html`<div part="config-notice" class="config-notice" role="alert" dir=${dir ?? nothing} lang=${lang ?? nothing}>
    <strong>${title}</strong>
    ${
      problems.length
        ? html`<ul>
          ${problems.map((p) => html`<li><code>${p.attribute}</code>: ${p.message}${p.rule ? html` (<code>${p.rule}</code>)` : nothing}</li>`)}
        </ul>`
        : nothing
    }
    <p>${hint}</p>
  </div>`;
}
