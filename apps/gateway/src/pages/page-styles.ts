import { createHash } from 'node:crypto';

/**
 * The one stylesheet of every page the gateway renders (public pages now, the coordinator console later). Colours
 * are fixed so contrast stays AA whatever a network picks: its accent colour only paints the decorative strip under
 * the header. Focus is always visible: a dark outline with a light halo, readable on light and dark surfaces.
 */
export const PAGE_CSS = `
:root{--ink:#1b1b1b;--muted:#4a4a4a;--paper:#fafaf7;--surface:#fff;--brand:#1d5a3b;--brand-dark:#123d27;--line:#6b6b6b;--error:#a4000f;--error-bg:#fdeeee;--ok:#14532d;--ok-bg:#e8f5ec;--info-bg:#eef3f8;--focus:#0b3d91;--accent:#1d5a3b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:var(--ink);background:var(--paper);line-height:1.5;font-size:1.0625rem}
a{color:var(--brand);text-underline-offset:.15em}
a:hover{color:var(--brand-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px #fff}
main:focus{outline:none}
.skip{position:absolute;left:-999px;top:0;z-index:10;background:#fff;color:var(--ink);padding:.5rem 1rem;font-weight:600}
.skip:focus{left:1rem;top:1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.site-header{background:var(--surface);border-bottom:6px solid var(--accent)}
.site-header__inner,.site-footer__inner,main{max-width:48rem;margin:0 auto;padding:1rem 1.5rem}
.site-header__inner{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between}
.brand{display:inline-flex;align-items:center;gap:.6rem;font-weight:700;font-size:1.15rem;color:var(--ink);text-decoration:none}
.brand img{height:2.5rem;width:auto}
.languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
.languages a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
main{padding-top:1.5rem;padding-bottom:3rem}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.15rem}
.site-footer{border-top:1px solid #d6d6d0;background:var(--surface);color:var(--muted);font-size:.95rem}
.site-footer ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.field{margin:1.25rem 0}
.field label,.field legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{margin:.1rem 0 .35rem;color:var(--muted)}
.field-error{margin:.1rem 0 .35rem;color:var(--error);font-weight:600}
.field-error::before{content:"! ";}
input[type=email],input[type=text],input[type=password],input[type=search],input[type=url],input[type=number],input[type=datetime-local],select,textarea{font:inherit;color:var(--ink);background:#fff;padding:.55rem .6rem;width:100%;max-width:28rem;border:2px solid var(--line);border-radius:4px}
textarea{min-height:6rem;max-width:100%}
[aria-invalid=true]{border-color:var(--error)!important;border-width:3px}
fieldset{border:0;padding:0;margin:1.25rem 0}
fieldset legend{font-weight:600;padding:0;margin-bottom:.25rem}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.4rem 0}
.choice input{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none;accent-color:var(--brand)}
.choice label{font-weight:400;margin:0}
.button{font:inherit;font-weight:600;display:inline-block;margin:.5rem .5rem .5rem 0;padding:.65rem 1.3rem;background:var(--brand);color:#fff;border:2px solid var(--brand);border-radius:4px;cursor:pointer;text-decoration:none}
.button:hover{background:var(--brand-dark);color:#fff}
.button--secondary{background:#fff;color:var(--brand)}
.button--secondary:hover{background:var(--ok-bg);color:var(--brand-dark)}
.notice{border-left:6px solid var(--brand);background:var(--info-bg);padding:.75rem 1rem;margin:1rem 0}
.notice--success{border-color:var(--ok);background:var(--ok-bg)}
.notice--error{border-color:var(--error);background:var(--error-bg)}
.notice>:first-child{margin-top:0}.notice>:last-child{margin-bottom:0}
.error-summary{border:4px solid var(--error);padding:.75rem 1rem;margin:1rem 0;background:#fff}
.error-summary h2{margin:0 0 .5rem;font-size:1.2rem}
.error-summary a{color:var(--error);font-weight:600}
.cards{list-style:none;padding:0;margin:0}
.card{background:var(--surface);border:1px solid #d6d6d0;border-radius:6px;padding:1rem 1.25rem;margin:.75rem 0}
.card h2,.card h3{margin:0 0 .4rem}
.meta{color:var(--muted);margin:.2rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d6d6d0;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}
pre.code{background:#fff;border:1px solid var(--line);padding:1rem;overflow:auto;white-space:pre-wrap;word-break:break-word;font-size:.9rem}
.console-nav ul,.sub-nav ul,.pager{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.console-nav{border-bottom:1px solid #d6d6d0;padding-bottom:.5rem}
.console-nav a,.sub-nav a{font-weight:600}
.console-nav a[aria-current],.sub-nav a[aria-current]{color:var(--ink);text-decoration:none;border-bottom:3px solid var(--brand)}
.console-bar{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1.5rem;margin:.5rem 0 1rem}
.console-bar__form{display:flex;flex-wrap:wrap;align-items:flex-end;gap:0 .5rem}
.console-bar__form .field{margin:0}
.sub-nav{margin:0 0 1rem}
.pager{margin:1rem 0}
.inline-form{display:inline}
.editor-split{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem 1.5rem;align-items:start}
.editor-split textarea{min-height:16rem}
.newsletter-preview{width:100%;height:32rem;border:1px solid #d6d6d0;background:#fff}
.send-progress progress{width:100%;height:1.5rem;accent-color:var(--brand)}
.calendar-year{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1.5rem}
.calendar-month{font-size:.9rem;margin:.5rem 0}
.calendar-month th,.calendar-month td{text-align:center;padding:.2rem;border-bottom:0}
.calendar-month abbr{text-decoration:none}
.calendar-day--proposal{outline:2px solid var(--brand);outline-offset:-2px;font-weight:700}
.calendar-day--avoided{color:var(--muted);text-decoration:line-through}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
`.trim();

/** Changes whenever the stylesheet does, so pages can link it with a year-long cache and never show a stale one. */
export const PAGE_CSS_VERSION = createHash('sha256').update(PAGE_CSS).digest('hex').slice(0, 12);
export const PAGE_CSS_HREF = `/assets/hub.css?v=${PAGE_CSS_VERSION}`;
