export { NicknameInput, type NicknameInputProps } from './NicknameInput';
