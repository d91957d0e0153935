export default definePageConfig({
  navigationBarTitleText: '体验官计划',
});
