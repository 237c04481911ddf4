// Something for bootstrap's ForkTsCheckerWebpackPlugin to check (with no input at all it fails the
// build with TS18003): the console's own packages come prebuilt, and no extension is built here.
export {};
