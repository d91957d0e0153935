export default definePageConfig({
  navigationBarTitleText: '推广审核',
});
