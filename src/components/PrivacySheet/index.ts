export { PrivacySheet } from './PrivacySheet';
