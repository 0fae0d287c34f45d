/** Plain-language names for the policy checks (COMPLIANCE.md ids), for the demo's checklist. */
export const CHECK_LABELS: Record<string, string> = {
  'business-named': 'The business is named in the consent text',
  'messages-stated': 'It says messages will come, and on which channel',
  'categories-disclosed': 'Each kind of message is listed',
  'affirmative-action': 'Consent is an unticked box the person ticks',
  'phone-editable': 'The number is typed or editable by the person',
  'opt-out-explained': 'How to stop is explained',
  'not-an-inbound-message': 'Consent does not come from an inbound message',
  'privacy-linked': 'A privacy notice is linked',
};

export interface ChecklistItem {
  id: string;
  passed: boolean;
  message?: string;
}

export function renderChecklist(list: HTMLElement, items: ChecklistItem[]): void {
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.className = item.passed ? 'pass' : 'fail';
      const mark = Object.assign(document.createElement('span'), { className: 'mark', textContent: item.passed ? '✓' : '!' });
      mark.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.append(Object.assign(document.createElement('strong'), { textContent: CHECK_LABELS[item.id] ?? item.id }));
      const detail = item.message ?? (item.passed ? `${item.id} · passed` : item.id);
      text.append(Object.assign(document.createElement('small'), { textContent: detail }));
      li.append(mark, text);
      li.setAttribute('aria-label', `${item.passed ? 'passed' : 'failed'}: ${CHECK_LABELS[item.id] ?? item.id}`);
      return li;
    }),
  );
}
