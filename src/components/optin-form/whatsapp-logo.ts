import { svg } from 'lit';

/** The WhatsApp mark (a green speech bubble with a handset), drawn inline: no image request. */
export const whatsappLogo = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="#25D366" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2z"/>
  <path fill="#fff" d="M9 7.2c.3 0 .6.2.7.5l.8 1.9c.1.3 0 .6-.2.8l-.6.7a7.6 7.6 0 0 0 3.2 3.2l.7-.6c.2-.2.5-.3.8-.2l1.9.8c.3.1.5.4.5.7v1.3c0 .8-.7 1.5-1.5 1.4-4.3-.4-8.7-4.8-9.1-9.1-.1-.8.6-1.4 1.4-1.4z"/>
</svg>`;
