/** Built-in avatars, stored as "preset:N": drawn as a colored circle with a character, no image files. */
export interface AvatarPreset {
  value: string;
  char: string;
  color: string;
}

export const AVATAR_PRESETS: readonly AvatarPreset[] = [
  { value: 'preset:1', char: '暖', color: '#E07A4F' },
  { value: 'preset:2', char: '禾', color: '#7FA36B' },
  { value: 'preset:3', char: '悦', color: '#D9A441' },
  { value: 'preset:4', char: '安', color: '#6F8FB3' },
  { value: 'preset:5', char: '乐', color: '#C8677F' },
  { value: 'preset:6', char: '星', color: '#8C73B8' },
  { value: 'preset:7', char: '青', color: '#4F9E9A' },
  { value: 'preset:8', char: '栗', color: '#9B6B4E' },
];

export function presetOf(avatarUrl: string | undefined): AvatarPreset | undefined {
  return AVATAR_PRESETS.find((p) => p.value === avatarUrl);
}
