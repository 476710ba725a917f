/**
 * The public giving pages, a chunk of their own (see lazy-pages.ts): the report page, the
 * lightest door for people in danger, does not download the offer form.
 */
export { GiveFormPage, GiveStartPage } from './give-page';
