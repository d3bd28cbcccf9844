import type { Language, PublicMailingList } from '@hub/contracts';
import type { TFunction } from 'i18next';
import { html, raw } from '../pages/page.renderer';
import { HONEYPOT_FIELD } from './sign-up-bot-trap';

/**
 * The sign-up form a municipality pastes into its own site. It is plain HTML that posts to the hub's form endpoint,
 * so it works without JavaScript (the hub answers with its own page). With the script, the outcome is shown inline:
 * the script posts the same fields with `Accept: application/json`, a CORS "simple" request (urlencoded body,
 * safelisted header, no credentials), so no preflight and no cookie is involved. There is no CSRF token: the
 * endpoint uses no session or cookie, so a forged post can do no more than a stranger typing an address, which
 * the double opt-in, the honeypot and the per-IP sign-up limit already cover. It carries no render stamp (a copy is
 * static), so the bot trap judges it by the honeypot alone.
 */
export function subscribeSnippet(options: {
  baseUrl: string;
  slug: string;
  language: Language;
  lists: PublicMailingList[];
  t: TFunction;
}): { html: string; scriptUrl: string } {
  const { baseUrl, slug, language, lists, t } = options;
  const id = (field: string) => `hub-${slug}-${field}`;
  const scriptUrl = `${baseUrl}/embed/subscribe.js`;
  const listFields = lists.map((list) => html`  <input type="hidden" name="listIds" value="${list.id}">\n`).join('');
  const form = html`<form method="post" action="${baseUrl}/networks/${slug}/subscribe" lang="${language}" novalidate data-hub-subscribe>
  <input type="hidden" name="language" value="${language}">
${raw(listFields)}  <p><label for="${id('email')}">${t('subscribe.email')}</label><br>
  <input id="${id('email')}" name="email" type="email" autocomplete="email" required></p>
  <p><label for="${id('name')}">${t('subscribe.name')}</label><br>
  <input id="${id('name')}" name="name" type="text" autocomplete="name"></p>
  <p style="position:absolute;left:-10000px" aria-hidden="true"><label for="${id(HONEYPOT_FIELD)}">${t('subscribe.honeypot')}</label>
  <input id="${id(HONEYPOT_FIELD)}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></p>
  <p><button type="submit">${t('subscribe.submit')}</button></p>
  <p data-hub-feedback role="status"></p>
</form>
<script src="${scriptUrl}" defer></script>`;
  return { html: form, scriptUrl };
}

/**
 * The optional enhancement of the snippet: posts the form in the background and shows the hub's answer (in the
 * form's language) in its status line. On any failure it falls back to the plain form post.
 */
export const SUBSCRIBE_EMBED_SCRIPT = `(function () {
  'use strict';
  function enhance(form) {
    var feedback = form.querySelector('[data-hub-feedback]');
    var button = form.querySelector('button[type="submit"]');
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
      event.preventDefault();
      if (button) button.disabled = true;
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { Accept: 'application/json' }, credentials: 'omit' })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          var invalid = form.querySelectorAll('[aria-invalid]');
          for (var i = 0; i < invalid.length; i++) invalid[i].removeAttribute('aria-invalid');
          if (answer.status === 'accepted') {
            feedback.textContent = answer.message;
            form.reset();
            return;
          }
          var problem = (answer.fields || [])[0];
          if (!problem) throw new Error('unexpected answer');
          feedback.textContent = problem.message;
          var field = form.elements[problem.field];
          if (field && field.focus) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
        })
        .catch(function () { form.submit(); })
        .then(function () { if (button) button.disabled = false; });
    });
  }
  var forms = document.querySelectorAll('form[data-hub-subscribe]');
  for (var i = 0; i < forms.length; i++) enhance(forms[i]);
})();
`;
