/**
 * Extra module resolution for dependency-cruiser (`webpackConfig` in
 * .dependency-cruiser.js). tsconfig.json maps `@keel/<lib>/contracts` with a
 * wildcard in the middle of the pattern (`@keel/*\/contracts`), which tsc
 * resolves but the tsconfig-paths plugin dependency-cruiser uses does not;
 * enhanced-resolve's alias does.
 */
module.exports = {
  resolve: {
    alias: { '@keel/*/contracts': `${__dirname}/libs/*/src/contracts` },
  },
};
