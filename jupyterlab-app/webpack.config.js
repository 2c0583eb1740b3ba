// Bundles index.js and copies every extension's schemas and themes (Build.ensureAssets) into the
// output directory the launcher gives in LAB_APP_OUT.
const path = require('path');
const webpack = require('webpack');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const miniSVGDataURI = require('mini-svg-data-uri');
const Build = require('@jupyterlab/builder').Build;
const pkg = require('./package.json');

const out = path.resolve(process.env.LAB_APP_OUT || path.join(__dirname, 'build'));
const assets = Build.ensureAssets({
  packageNames: [...pkg.jupyterlab.extensions, ...pkg.jupyterlab.mimeExtensions],
  output: out
});

module.exports = [
  {
    entry: ['./index.js'],
    output: { path: path.join(out, 'static'), filename: 'bundle.js' },
    resolve: {
      alias: { './build/style.js': path.join(out, 'style.js') },
      modules: ['node_modules', path.join(__dirname, 'node_modules')] // the second for style.js, in the output directory
    },
    bail: true,
    devtool: false,
    mode: 'development', // production minification doubles the build time for a local app
    module: {
      rules: [
        { test: /\.css$/, exclude: /\.raw\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        { test: /\.raw\.css$/, type: 'asset/source' },
        { test: /\.html$/, type: 'asset/resource' },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
        { test: /\.js.map$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        {
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: 'asset/inline',
          generator: { dataUrl: content => miniSVGDataURI(content.toString()) }
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' }
      ]
    },
    plugins: [
      new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } }),
      new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css' })
    ]
  }
].concat(assets);
