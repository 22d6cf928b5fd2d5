const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

module.exports = {
  entry: './src/pages/account.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].[contenthash].js' },
  resolve: {
    extensions: ['.js'],
    alias: {
      '@telemetry': path.resolve(__dirname, 'src/telemetry'),
      Shared: path.resolve(__dirname, 'src/shared/'),
    },
  },
  plugins: [new HtmlWebpackPlugin({ title: 'Member portal' })],
};
