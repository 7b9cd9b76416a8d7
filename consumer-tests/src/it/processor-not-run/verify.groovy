// The build failed for the reason README's Troubleshooting gives, not for another one.
def log = new File(basedir, 'build.log').text
assert log.contains('cannot find symbol')
assert log.contains('variable GaugeIpc')
return true
