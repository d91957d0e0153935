export default definePageConfig({
  navigationBarTitleText: '到店自提',
});
