import { html, nothing } from 'lit';
import type { ConfigurationProblem } from '../../core/notice/form-configuration.js';

/**
 * The set-up notice a blocked element shows the page author in place of its controls
 * (`part="config-notice"`, `role="alert"`): a title, each problem with its attribute and rule, and
 * where to look. `title` and `hint` come translated; `dir` and `lang` those of the element's texts.
 */
export function renderConfigurationNotice(title: string, hint: string, problems: readonly ConfigurationProblem[], dir?: string, lang?: string) {
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
