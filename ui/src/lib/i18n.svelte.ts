// Every sentence of the UI comes from the catalogue that the Rust side
// also reads (assets/i18n/<lang>/binome.ftl), so a word is written once.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import frSource from '../../../assets/i18n/fr/binome.ftl?raw';
import enSource from '../../../assets/i18n/en/binome.ftl?raw';

import type { Lang } from './bindings';
export type { Lang };

const STORAGE_KEY = 'binome.lang';

function makeBundle(tag: string, source: string): FluentBundle {
  const bundle = new FluentBundle(tag, { useIsolating: false });
  bundle.addResource(new FluentResource(source));
  return bundle;
}

const bundles: Record<Lang, FluentBundle> = {
  fr: makeBundle('fr-FR', frSource),
  en: makeBundle('en-GB', enSource)
};

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export const locale = $state({ lang: savedLang() });

export function setLang(lang: Lang): void {
  locale.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A store that cannot remember still switches for this run.
  }
  document.documentElement.lang = lang;
}

/** The message `key` in the current language; the key itself if missing, so a gap shows. */
export function t(key: string, args?: Record<string, FluentVariable>): string {
  const bundle = bundles[locale.lang];
  const message = bundle.getMessage(key);
  if (!message?.value) return key;
  return bundle.formatPattern(message.value, args);
}

/** A code's label ("sage_femme" → "Sage-femme"); the code itself if none. */
export function valueLabel(code: string | null | undefined): string {
  if (!code) return '';
  const key = `value-${code}`;
  return bundles[locale.lang].hasMessage(key) ? t(key) : code;
}

export function fieldLabel(name: string): string {
  return t(`field-${name}`);
}

export function kindLabel(kind: string): string {
  const names: Record<string, string> = { team_member: 'team-member', test_score: 'score', person_merge: 'person-merge' };
  return t(`kind-${names[kind] ?? kind}`);
}

/** For tests: both catalogues' message ids. */
export const catalogueSources: Record<Lang, string> = { fr: frSource, en: enSource };
