// Screens of the role(s) named in this file. Filled in by issue 6.
export default [];
