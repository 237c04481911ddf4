// Merged into @ks-console/bootstrap's webpack config (webpack/webpack.base.conf.js reads
// configs/webpack.config.js from the build's working folder). bootstrap aliases react/jsx-runtime to
// 'react/jsx-runtime.js', a subpath React 18's package.json "exports" does not list: point that
// alias at the file itself.
const path = require('path');

const react = path.dirname(require.resolve('react/package.json', { paths: [process.cwd()] }));

module.exports = {
  resolve: {
    alias: {
      'react/jsx-runtime.js': path.join(react, 'jsx-runtime.js'),
      'react/jsx-dev-runtime.js': path.join(react, 'jsx-dev-runtime.js'),
    },
  },
};
