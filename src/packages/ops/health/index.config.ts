export default definePageConfig({
  navigationBarTitleText: '社区健康',
});
