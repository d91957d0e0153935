/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform Taro is building for; branch on it only in platform files (*.weapp.ts / *.h5.ts). */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
  }
}

/** The one react-dom API the H5-only dev persona switcher uses (react-dom 18 ships no types of its own). */
declare module 'react-dom' {
  export function createPortal(children: import('react').ReactNode, container: Element): import('react').ReactPortal;
}
