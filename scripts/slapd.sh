#!/usr/bin/env bash
# A throwaway OpenLDAP (Debian's slapd) for tests and for trying directory sign-in, on 127.0.0.1 only.
#   scripts/slapd.sh start DIR [PORT]  → prints the URL (ldap://127.0.0.1:PORT); DIR/data is created and loaded once
#   scripts/slapd.sh stop DIR
# It also answers LDAPS on PORT+1 with a self-signed certificate for 127.0.0.1, DIR/cert.pem: trust it with
# LDAPTLS_CACERT=DIR/cert.pem (libldap reads it; the app's LDAPS then checks the certificate as in production).
# Suffix dc=lianfang,dc=test; directory manager cn=admin,dc=lianfang,dc=test (password slapd-test-admin); the service
# account Lianfang searches with, cn=lianfang,ou=services,dc=lianfang,dc=test (password lianfang-svc-2026); the ppolicy
# overlay (an account with pwdAccountLockedTime cannot bind; 10 wrong binds lock it, above Lianfang's own 5 so that tests see
# each lock apart). Two people to look at:
# zhangsan (employeeNumber E1001, in cn=lianfang-staff) and lisi (E1002, in cn=no-role, which no mapping names), both
# with the password Directory-pass-2026. Tests add their own people and move them between groups with ldapmodify.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}; port=${3:-$(shuf -i 40000-49999 -n 1)}
suffix="dc=lianfang,dc=test"
manager="cn=admin,$suffix"; manager_pw="slapd-test-admin"
case "$cmd" in
  start)
    command -v slapd >/dev/null || PATH="$PATH:/usr/sbin"
    mkdir -p "$dir/data"
    dir=$(cd "$dir" && pwd)
    [ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 30 \
      -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
    chmod 644 "$dir/key.pem"  # slapd may run as another user; the key protects nothing but this throwaway server
    cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
TLSCertificateFile $dir/cert.pem
TLSCertificateKeyFile $dir/key.pem

database mdb
maxsize 67108864
suffix "$suffix"
rootdn "$manager"
rootpw $manager_pw
directory $dir/data
overlay ppolicy
ppolicy_default "cn=default,ou=policies,$suffix"
ppolicy_use_lockout
# a password is only ever compared (bind), never read; the service account reads the rest, lock state included
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="cn=lianfang,ou=services,$suffix" read by self read by * none
CONF
    fresh=false
    [ -f "$dir/data/data.mdb" ] || fresh=true
    slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$((port + 1))/" -n lianfang-slapd
    for _ in $(seq 50); do
      ldapsearch -x -H "ldap://127.0.0.1:$port" -D "$manager" -w "$manager_pw" -b "" -s base >/dev/null 2>&1 && break
      sleep 0.1
    done
    if $fresh; then
      pw=$(slappasswd -s Directory-pass-2026)
      svc=$(slappasswd -s lianfang-svc-2026)
      ldapadd -x -H "ldap://127.0.0.1:$port" -D "$manager" -w "$manager_pw" >/dev/null <<LDIF
dn: $suffix
objectClass: dcObject
objectClass: organization
dc: lianfang
o: Lianfang test directory

dn: ou=people,$suffix
objectClass: organizationalUnit
ou: people

dn: ou=groups,$suffix
objectClass: organizationalUnit
ou: groups

dn: ou=services,$suffix
objectClass: organizationalUnit
ou: services

dn: ou=policies,$suffix
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,$suffix
objectClass: device
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdLockout: TRUE
pwdMaxFailure: 10
pwdLockoutDuration: 0
pwdFailureCountInterval: 0

dn: cn=lianfang,ou=services,$suffix
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: lianfang
userPassword: $svc

dn: uid=zhangsan,ou=people,$suffix
objectClass: inetOrgPerson
uid: zhangsan
cn: 张三
sn: 张
displayName: 张三
employeeNumber: E1001
mail: zhangsan@lianfang.test
userPassword: $pw

dn: uid=lisi,ou=people,$suffix
objectClass: inetOrgPerson
uid: lisi
cn: 李四
sn: 李
displayName: 李四
employeeNumber: E1002
userPassword: $pw

dn: cn=lianfang-staff,ou=groups,$suffix
objectClass: groupOfNames
cn: lianfang-staff
member: uid=zhangsan,ou=people,$suffix

dn: cn=lianfang-dept-heads,ou=groups,$suffix
objectClass: groupOfNames
cn: lianfang-dept-heads
member: cn=lianfang,ou=services,$suffix

dn: cn=lianfang-leaders,ou=groups,$suffix
objectClass: groupOfNames
cn: lianfang-leaders
member: cn=lianfang,ou=services,$suffix

dn: cn=lianfang-admins,ou=groups,$suffix
objectClass: groupOfNames
cn: lianfang-admins
member: cn=lianfang,ou=services,$suffix

dn: cn=no-role,ou=groups,$suffix
objectClass: groupOfNames
cn: no-role
member: uid=lisi,ou=people,$suffix
LDIF
    fi
    echo "ldap://127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/slapd.pid" ] || exit 0
    pid=$(cat "$dir/slapd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ;;
esac
