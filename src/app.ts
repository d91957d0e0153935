import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { startPrivacyListener } from './services/privacy-authorization';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
    startPrivacyListener();
  });
  // children is the page being rendered
  return children;
}

export default App;
