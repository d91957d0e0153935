export interface NicknameInputProps {
  value: string;
  onChange: (value: string) => void;
  className?: string;
}
