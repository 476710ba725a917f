/**
 * The public giving pages, a chunk of their own (see lazy-pages.ts): the report page, the
 * lightest door for people in danger, does not download the offer form. A donation's path
 * (/donation) comes with them: donors arrive there from the offer form.
 */
export { DonationPage } from './donation-page';
export { GiveFormPage, GiveStartPage } from './give-page';
