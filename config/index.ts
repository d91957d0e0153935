import { resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV || 'weapp';
  // The mini-program's cloud environment id: from the shell or a .env file (Taro loads TARO_APP_* from them).
  const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? '';
  if (platform === 'weapp' && process.env.NODE_ENV === 'production' && !cloudEnv) {
    console.warn('[config] TARO_APP_CLOUD_ENV is not set: the weapp build will use the account\'s default cloud environment');
  }
  // Code the app shares with the server beyond types (the one money formatter): compiled like src/.
  const shared = { include: [resolve(__dirname, '../cloudfunctions/_core/shared/money.rules.ts')] };
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'super-user-community',
    date: '2024-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target so weapp and h5 never overwrite each other (project.config.json points at dist/weapp).
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: { TARO_APP_CLOUD_ENV: JSON.stringify(cloudEnv) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: shared,
      // Components' styles are independent BEM blocks: their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: shared,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The H5 build serves the local cloud on a laptop or in CI, not the public web: no size hints.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
