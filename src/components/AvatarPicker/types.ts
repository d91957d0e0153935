export interface AvatarPickerProps {
  /** preset:N, cloud://..., or https://... */
  value: string;
  nickname?: string;
  onChange: (avatarUrl: string) => void;
}
