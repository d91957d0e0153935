import { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { startPrivacyListener } from './services/privacy-authorization';
import { NOT_FOUND } from './routes';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
    startPrivacyListener();
  });
  // An address that names no page (an old shared link, a mistyped H5 hash): a page with a way out, not a blank.
  usePageNotFound(() => void Taro.redirectTo({ url: NOT_FOUND }));
  // children is the page being rendered
  return children;
}

export default App;
