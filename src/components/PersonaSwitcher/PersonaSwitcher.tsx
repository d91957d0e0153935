/** Identity comes from WeChat on a real device: there is nothing to switch outside the H5 dev build. */
export function PersonaSwitcher() {
  return null;
}
