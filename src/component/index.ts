export * from './assets.js';
export * from './bundle.js';
export * from './demo-images.js';
export * from './pages.js';
