export default definePageConfig({
  navigationBarTitleText: '积分明细',
  // Infinite scroll: useReachBottom fires this far (px) above the end of the list.
  onReachBottomDistance: 80,
});
