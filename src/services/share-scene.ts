/**
 * Binding to a distributor (分销): the app was opened from a share card or a mini-program code carrying a
 * scene (`d=<member number>`). The first scene is kept (first touch) until a call settles it: `bind` answers
 * bound, or why not (already bound, not a distributor...), and either way the scene is forgotten. A visitor is
 * bound right after registering.
 */
import Taro from '@tarojs/taro';
import { isCloudError } from './cloud';
import { distributionService } from './distribution';

const KEY = 'distribution.scene';

/** Keeps the scene unless one is already waiting (the first link opened wins). */
export function rememberScene(raw: string | undefined): void {
  if (!raw) return;
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    // Not encoded: take it as it is.
  }
  if (!/^d=\d{12}$/.test(scene)) return;
  try {
    if (!Taro.getStorageSync(KEY)) Taro.setStorageSync(KEY, scene);
  } catch {
    // Storage unavailable: this visit simply binds nobody.
  }
}

function waitingScene(): string | null {
  try {
    const scene = Taro.getStorageSync(KEY) as string | '';
    return scene || null;
  } catch {
    return null;
  }
}

/** Binds the waiting scene if any; keeps it for later when the caller is not registered yet (or offline). */
export async function bindWaitingScene(): Promise<void> {
  const scene = waitingScene();
  if (!scene) return;
  try {
    await distributionService.bind(scene);
    Taro.removeStorageSync(KEY);
  } catch (e) {
    if (isCloudError(e) && e.code === 'INVALID_INPUT') Taro.removeStorageSync(KEY);
  }
}
