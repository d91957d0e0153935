export default definePageConfig({
  navigationBarTitleText: '共创投票',
});
