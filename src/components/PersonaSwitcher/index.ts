export { PersonaSwitcher } from './PersonaSwitcher';
