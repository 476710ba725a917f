/**
 * The coordinators' Ant Design theme. Ant Design's default greys, status colours and tag
 * colours are too light to read on white for many of them (below WCAG's 4.5:1 for text):
 * the tokens below darken them to at least that on white and on the page's grey (#f0f2f5).
 */
import type { ThemeConfig } from 'antd';

/** Secondary text (descriptions and their labels, breadcrumbs, menu group titles, placeholders): 5.7:1 on white, 5.1:1 on the page grey. */
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.6)';

/** Status colours as text: the 7th to 9th shade of Ant Design's palettes. */
const ERROR = '#cf1322';
const WARNING_TEXT = '#874d00';
const SUCCESS_TEXT = '#237804';
const INFO_TEXT = '#0958d9';

/**
 * A tag's colours by preset: its text on the light background (the 8th or 9th shade, where
 * the usual 7th is too light) and the solid background under white text (the 7th to 9th).
 */
const TAG_SHADES: Record<string, { text: string; solid: string }> = {
  red: { text: '#a8071a', solid: '#cf1322' },
  volcano: { text: '#ad2102', solid: '#d4380d' },
  orange: { text: '#ad4e00', solid: '#ad4e00' },
  gold: { text: '#874d00', solid: '#874d00' },
  yellow: { text: '#876800', solid: '#876800' },
  lime: { text: '#3f6600', solid: '#3f6600' },
  green: { text: '#237804', solid: '#237804' },
  cyan: { text: '#006d75', solid: '#006d75' },
  blue: { text: '#0050b3', solid: '#0958d9' },
  geekblue: { text: '#10239e', solid: '#1d39c4' },
  purple: { text: '#391085', solid: '#531dab' },
  magenta: { text: '#9e1068', solid: '#c41d7f' },
  pink: { text: '#9e1068', solid: '#c41d7f' },
};

const TAG_TOKENS = Object.fromEntries(
  Object.entries(TAG_SHADES).flatMap(([color, { text, solid }]) => [
    [`${color}7`, text],
    [`${color}6`, solid],
  ]),
);

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bbf',
    colorLink: '#1d5bbf',
    colorError: ERROR,
    colorErrorText: ERROR,
    colorWarningText: WARNING_TEXT,
    colorSuccessText: SUCCESS_TEXT,
    colorTextTertiary: SECONDARY_TEXT,
    colorTextDescription: SECONDARY_TEXT,
    colorTextPlaceholder: SECONDARY_TEXT,
    borderRadius: 4,
    fontFamily: 'var(--font-sans)', // styles.css: one stack for Ant Design and the pages around it
  },
  components: {
    Layout: { headerBg: '#0b3a82', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f5f7fa' },
    // Status tags (success, processing, error, warning) take these as their text and solid colours.
    Tag: {
      ...TAG_TOKENS,
      colorSuccess: SUCCESS_TEXT,
      colorInfo: INFO_TEXT,
      colorWarning: WARNING_TEXT,
      colorError: ERROR,
    },
  },
};

/** The theme without Ant Design's animations, for readers who asked their system for less motion (WCAG 2.3.3). */
export function themeFor(reducedMotion: boolean): ThemeConfig {
  return reducedMotion ? { ...THEME, token: { ...THEME.token, motion: false } } : THEME;
}

/** Whether the reader's system asks for reduced motion. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}
